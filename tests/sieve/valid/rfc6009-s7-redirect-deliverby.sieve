# RFC 6009 section 7 (redirect-deliverby) example: send a copy to a
# cell phone, to be delivered before 20:00 today
require ["copy", "redirect-deliverby", "date", "variables",
         "relational", "comparator-i;ascii-numeric"];

if currentdate :value "lt" :comparator "i;ascii-numeric" "hour" "20"
{
   if currentdate :matches "date" "*" {set "date" "${0}";}
   if currentdate :matches "zone" "*" {set "zone" "${0}";}
   redirect :copy :bytimeabsolute "${date}T20:00:00${zone}"
            :bymode "return" "cellphone@example.net";
}
