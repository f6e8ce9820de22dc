/* outer /* inner */ still comment? */
keep;
